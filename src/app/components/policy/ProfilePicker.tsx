import {
  PROFILE_POLICIES,
  profilePolicy,
  type Policy,
  type ShippedProfile,
} from '../../../core/policy';

const ORDER: ShippedProfile[] = ['private', 'balanced', 'cloud-first'];

/** Three shipped profiles as radio buttons; an edited policy shows as "Custom". */
export function ProfilePicker({
  policy,
  onChange,
}: {
  policy: Policy;
  onChange: (p: Policy) => void;
}) {
  return (
    <fieldset className="policy-profiles">
      <legend>Profile</legend>
      {ORDER.map((id) => (
        <label key={id} className="policy-profile">
          <input
            type="radio"
            name="profile"
            value={id}
            checked={policy.profile === id}
            onChange={() => onChange(profilePolicy(id))}
          />
          <strong>{PROFILE_POLICIES[id].name}</strong>
          <span>{PROFILE_POLICIES[id].description}</span>
        </label>
      ))}
      {policy.profile === 'custom' && <p className="policy-note">Custom policy: {policy.name}</p>}
    </fieldset>
  );
}
