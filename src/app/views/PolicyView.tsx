import { ProfilePicker } from '../components/policy/ProfilePicker';
import { RulesList } from '../components/policy/RulesList';
import { PolicyEditor } from '../components/policy/PolicyEditor';
import { ProxyTokenForm } from '../components/policy/ProxyTokenForm';
import { GlobalInstructions } from '../components/instructions/GlobalInstructions';
import { TryIt } from '../components/policy/TryIt';
import { usePolicyDocument } from '../components/policy/usePolicyDocument';
import '../components/policy/policy.css';

export function PolicyView() {
  const { policy, save, error } = usePolicyDocument();
  return (
    <section aria-labelledby="policy-title" className="view">
      <h1 id="policy-title">Policy and settings</h1>
      <p className="lead">
        The rules that decide where each request may go: the profile (Private, Balanced or
        Cloud-first), which kinds of data count as personal or regulated, which tiers may see them,
        and what happens when a tier is unavailable. Regulated content (health, HR, financial
        records, children&apos;s data) never leaves this device, whatever the rules say.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ProfilePicker policy={policy} onChange={(p) => void save(p)} />
      <TryIt policy={policy} />
      <RulesList policy={policy} onChange={(p) => void save(p)} />
      <PolicyEditor policy={policy} onApply={(p) => void save(p)} />
      <GlobalInstructions />
      <ProxyTokenForm />
    </section>
  );
}
