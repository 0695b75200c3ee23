/**
 * Secrets: provider key formats, JWTs, PEM private-key blocks, passwords in URLs, and values
 * assigned to anything named like a key, token or password.
 */
import { shannonEntropy } from '../validators';
import { CTX } from './labels';
import { inRegions, matches, regionsAround, roundScore, type Recognizer } from './shared';

interface SecretRule {
  re: RegExp;
  /** Literal substrings of which at least one must occur for the rule to run (cheap prefilter). */
  hint?: readonly string[];
  name: string;
  score: number;
  group?: number;
}

const SECRET_RULES: SecretRule[] = [
  {
    name: 'aws-access-key',
    hint: ['A3T', 'AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'ABIA', 'ACCA'],
    re: /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    score: 0.95,
  },
  {
    name: 'github-token',
    hint: ['gh'],
    re: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_])/g,
    score: 0.95,
  },
  {
    name: 'github-pat',
    hint: ['github_pat_'],
    re: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,255}/g,
    score: 0.95,
  },
  {
    name: 'gitlab-token',
    hint: ['gl'],
    re: /(?<![A-Za-z0-9_-])(?:glpat|gldt|glrt|glcbt|glptt|glft|glimt|glagent|gloas|glsoat)-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g,
    score: 0.9,
  },
  {
    name: 'slack-token',
    hint: ['xox'],
    re: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,250}/g,
    score: 0.95,
  },
  {
    name: 'slack-webhook',
    hint: ['hooks.slack.com'],
    re: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,120}/g,
    score: 0.95,
  },
  {
    name: 'stripe-key',
    hint: ['_live_', '_test_'],
    re: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,99}(?![A-Za-z0-9])/g,
    score: 0.95,
  },
  {
    name: 'google-api-key',
    hint: ['AIza'],
    re: /(?<![A-Za-z0-9])AIza[0-9A-Za-z\-_]{35}(?![A-Za-z0-9\-_])/g,
    score: 0.95,
  },
  {
    name: 'openai-key',
    hint: ['sk-'],
    re: /(?<![A-Za-z0-9-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,200}(?![A-Za-z0-9_-])/g,
    score: 0.8,
  },
  {
    name: 'anthropic-key',
    hint: ['sk-ant-'],
    re: /(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{20,200}/g,
    score: 0.95,
  },
  {
    name: 'jwt',
    hint: ['eyJ'],
    re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,4000}(?:\.[A-Za-z0-9_-]{0,2000})?/g,
    score: 0.9,
  },
  {
    name: 'sendgrid-key',
    hint: ['SG.'],
    re: /(?<![A-Za-z0-9])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    score: 0.95,
  },
  {
    name: 'twilio-key',
    hint: ['AC', 'SK'],
    re: /(?<![A-Za-z0-9])(?:AC|SK)[a-z0-9]{32}(?![A-Za-z0-9])/g,
    score: 0.7,
  },
  {
    name: 'mailchimp-key',
    hint: ['-us'],
    re: /(?<![A-Za-z0-9])[0-9a-f]{32}-us\d{1,2}(?![A-Za-z0-9])/g,
    score: 0.9,
  },
  {
    name: 'npm-token',
    hint: ['npm_'],
    re: /(?<![A-Za-z0-9])npm_[A-Za-z0-9]{16,64}(?![A-Za-z0-9])/g,
    score: 0.95,
  },
  {
    name: 'npmrc-auth',
    hint: ['_auth'],
    re: /_auth(?:Token)?[ \t]{0,3}=[ \t]{0,3}["']?([A-Za-z0-9\-_.+/=]{16,300})/g,
    score: 0.9,
    group: 1,
  },
  {
    name: 'gitlab-runner-token',
    hint: ['GR1348941'],
    re: /(?<![A-Za-z0-9_-])GR1348941[A-Za-z0-9_-]{16,64}(?![A-Za-z0-9_-])/g,
    score: 0.95,
  },
  {
    name: 'bearer-token',
    hint: ['earer', 'EARER', 'asic ', 'ASIC '],
    re: /(?<![A-Za-z0-9])(?:[Bb]earer|BEARER|[Bb]asic|BASIC)[ \t]{1,3}([A-Za-z0-9._~+/-]{16,2000}={0,2})/g,
    score: 0.85,
    group: 1,
  },
  {
    name: 'cli-password-flag',
    hint: ['--'],
    re: /(?<![A-Za-z0-9-])--(?:password|passwd|pass|token|api-key|apikey|secret|auth-token|access-token|client-secret)(?:=|[ \t]{1,3})["']?([^\s"']{6,200})/gi,
    score: 0.8,
    group: 1,
  },
  {
    name: 'pin-or-cvv',
    hint: ['pin', 'PIN', 'Pin', 'cvv', 'CVV', 'cvc', 'CVC', 'kode', 'código', 'code'],
    re: /(?<![\p{L}\p{N}])(?:pin(?:[ -]?(?:code|kode|nummer|number|no\.?))?|pinkode|pinkod|código pin|code pin|cvv2?|cvc2?|csc|security code|sicherheitscode|prüfnummer)[ \t]{0,3}(?:is|ist|er|är|é|es|est|:|=|#)?[ \t]{0,3}(\d{3,8})(?![\p{L}\p{N}])/giu,
    score: 0.8,
    group: 1,
  },
  {
    name: 'pypi-token',
    hint: ['pypi-'],
    re: /(?<![A-Za-z0-9])pypi-AgE[A-Za-z0-9_-]{50,1000}/g,
    score: 0.95,
  },
  {
    name: 'telegram-bot-token',
    hint: [':AA'],
    re: /(?<![\w:])\d{8,10}:AA[0-9A-Za-z_-]{32,33}(?![\w-])/g,
    score: 0.9,
  },
  {
    name: 'discord-bot-token',
    re: /(?<![A-Za-z0-9])[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])/g,
    score: 0.85,
  },
  {
    name: 'square-oauth',
    hint: ['sq0'],
    re: /(?<![A-Za-z0-9])sq0(?:csp|atp)-[0-9A-Za-z\\\-_]{22,60}/g,
    score: 0.9,
  },
  {
    name: 'artifactory',
    hint: ['AKC', 'AP'],
    re: /(?<![A-Za-z0-9])(?:AKC[a-zA-Z0-9]{10,}|AP[\dABCDEF][a-zA-Z0-9]{8,})(?![A-Za-z0-9])/g,
    score: 0.6,
  },
  {
    name: 'azure-storage-key',
    hint: ['AccountKey='],
    re: /AccountKey=[A-Za-z0-9+/=]{40,100}/g,
    score: 0.9,
  },
  {
    name: 'basic-auth-url',
    hint: ['://'],
    re: /(?<=[a-z][a-z0-9+.-]{1,20}:\/\/[^:\s/@]{1,100}:)[^\s/@]{3,100}(?=@)/gi,
    score: 0.85,
  },
];

/**
 * Name components that make an assigned value a secret, wherever they sit in a key name:
 * "billing-api-key", "ACME_API_KEY", "svc_key", "db_pw", "dbPassword", "x-auth-token".
 */
const SECRET_PARTS = new Set(
  (
    'password passwords passwd passwort pass pwd pw pswd secret secrets secrete token tokens apikey ' +
    'key keys auth authtoken credential credentials cred creds salt signature sig passphrase ' +
    'privatekey accesskey secretkey session sessionid cookie bearer jwt otp senha adgangskode ' +
    'lösenord losenord wachtwoord contraseña contrasena kennwort passord salasana mdp motdepasse'
  ).split(' '),
);
/** Run-together names ("ACMEAPIKEY", "dbpassword") are secret when they END in one of these. */
const SECRET_ENDINGS = [
  'apikey',
  'secretkey',
  'accesskey',
  'privatekey',
  'signingkey',
  'masterkey',
  'authkey',
  'authtoken',
  'accesstoken',
  'refreshtoken',
  'token',
  'secret',
  'password',
  'passwd',
  'passwort',
  'pwd',
];
/** Words anywhere in a name that make its key-like value not a secret ("primary_key", "public_key"). */
const NOT_SECRET_QUALIFIERS = new Set(
  'public pub publickey publishable primary foreign sort partition cache lookup index'.split(' '),
);
/** Last words of a name that say the value is about a secret, not the secret ("token_expiry"). */
const NOT_SECRET_LAST = new Set(
  'id ids type name names count length size max min expiry expires policy hint url uri path file hash field label'.split(
    ' ',
  ),
);

const keyNameVerdicts = new Map<string, boolean>();

/** Whether an identifier names a secret (see SECRET_PARTS). Verdicts are cached: names repeat. */
export function isSecretKeyName(name: string): boolean {
  const hit = keyNameVerdicts.get(name);
  if (hit !== undefined) return hit;
  const v = secretKeyName(name);
  if (keyNameVerdicts.size > 5000) keyNameVerdicts.clear();
  keyNameVerdicts.set(name, v);
  return v;
}

function secretKeyName(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_.$\-[\]]+/)
    .filter(Boolean);
  if (parts.length === 0) return false;
  const last = parts[parts.length - 1] ?? '';
  if (NOT_SECRET_LAST.has(last) || parts.some((p) => NOT_SECRET_QUALIFIERS.has(p))) return false;
  if (parts.some((p) => SECRET_PARTS.has(p))) return true;
  const joined = parts.join('');
  return SECRET_ENDINGS.some((e) => joined.endsWith(e));
}

const OP = '(?::=|=>|===|!==|==|!=|=|:)';
// key <op> value (value quoted or bare), or key "quoted value"
const KEY_ASSIGN_RE = new RegExp(
  `(?<![A-Za-z0-9_$.\\-])["']?([A-Za-z_$][A-Za-z0-9_.$\\-]{0,60}(?:\\[\\d{0,4}\\])?)["']?[ \\t]{0,4}(?:${OP}[ \\t]{0,4}@?(?:"([^"\\n]{1,200})"|'([^'\\n]{1,200})'|\`([^\`\\n]{1,200})\`|([^\\s"'\`,;]{1,200}))|@?"([^"\\n]{1,200})")`,
  'g',
);
// "value" <op> key
const KEY_REVERSED_RE = new RegExp(
  `"([^"\\n]{1,200})"[ \\t]{0,4}(?:===|!==|==|!=)[ \\t]{0,4}([A-Za-z_$][A-Za-z0-9_.$\\-]{0,60})(?![A-Za-z0-9_])`,
  'g',
);

function plausibleSecretValue(v: string): boolean {
  if (v.length < 6) return false;
  if (/^\$\{[^}]*\}$|^\{\{[^}]*\}\}$|^%s$|^<[^>]*>$|^\$[A-Z_][A-Z0-9_]*$/.test(v)) return false;
  if (/^[A-Z_]{3,}$/.test(v)) return false; // a constant name, not a value
  if (/^[a-z]+$/.test(v) && v.length < 12) return false; // a plain word
  if (/^(?:null|none|undefined|true|false|nil|changeme|password|secret|example|xxx+|\*+)$/i.test(v))
    return false;
  // a reference to where the secret lives, not the secret: process.env.X, os.environ["X"], cfg.get(
  if (
    /^(?:process\.env|os\.environ|os\.getenv|env|config|settings|cfg|secrets|vault)\b[.[(]/i.test(v)
  )
    return false;
  if (!/[A-Za-z0-9]/.test(v)) return false;
  return true;
}

export const secret: Recognizer = (t, out) => {
  for (const r of SECRET_RULES) {
    if (r.hint && !r.hint.some((h) => t.includes(h))) continue;
    for (const m of matches(r.re, t)) {
      if (r.group) {
        const g = m[r.group];
        if (!g) continue;
        const s = m.index + m[0].lastIndexOf(g);
        out.push({
          start: s,
          end: s + g.length,
          type: 'SECRET',
          score: r.score,
          recognizer: r.name,
        });
      } else {
        let score = r.score;
        if (r.name === 'artifactory' || r.name === 'twilio-key')
          score = shannonEntropy(m[0]) > 2.5 ? score : roundScore(score - 0.2);
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          type: 'SECRET',
          score,
          recognizer: r.name,
          context: CTX.secret,
        });
      }
    }
  }
  // PEM private-key blocks: indexOf scan, bounded length
  const BEGIN = '-----BEGIN ';
  for (let i = t.indexOf(BEGIN); i !== -1; i = t.indexOf(BEGIN, i + 1)) {
    const head = t.slice(i, i + 60);
    const hm = /^-----BEGIN ([A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?)-----/.exec(head);
    if (!hm) continue;
    const endMarker = `-----END ${hm[1]}-----`;
    // search a bounded window only: a text of BEGIN lines without END must stay linear
    const j = t.slice(i, i + 20000 + endMarker.length).indexOf(endMarker);
    const end = j !== -1 ? i + j + endMarker.length : Math.min(t.length, i + hm[0].length + 4000);
    out.push({ start: i, end, type: 'SECRET', score: 0.99, recognizer: 'pem-private-key' });
  }
  inRegions(regionsAround(t, KW_ANCHOR, 250, 300), keywordSecrets, out);
  inRegions(regionsAround(t, PROSE_ANCHOR, 60, 140), proseSecrets, out);
};

/**
 * A password said in prose: "my password is Tr0ub4dor", "o código pin é 4821", "mot de passe :
 * xyz". The value must still look like a secret (not "my password is secret").
 */
const PROSE_SECRET =
  /(?<![\p{L}\p{N}])(?:password|passwort|passcode|passphrase|pass phrase|pass|pwd|pw|kennwort|senha|contraseña|contrasena|clave|adgangskode|kodeord|lösenord|losenord|wachtwoord|mot de passe|mdp|salasana)(?: (?:for|for the|to|of|para|do|da|de|für|von|pour|du|til|af|för|voor|van|del) [\p{L}\p{N}.@-]{1,40})?[ \t]{0,2}(?:is|was|ist|war|er|var|är|é|era|es|est|était|:|=)[ \t]{0,3}["'“‘]?([^\s"'”’]{4,100})/giu;

const proseSecrets: Recognizer = (t, out) => {
  for (const m of matches(PROSE_SECRET, t)) {
    let v = m[1] ?? '';
    v = v.replace(/[.,;!?)]+$/, '');
    if (
      !plausibleSecretValue(v) ||
      /^(?:the|a|an|my|your|o|a|der|die|das|le|la|el|de|het)$/i.test(v)
    )
      continue;
    const off = m.index + m[0].length - (m[1] ?? '').length;
    out.push({
      start: off,
      end: off + v.length,
      type: 'SECRET',
      score: shannonEntropy(v) >= 3 || v.length >= 12 ? 0.75 : 0.6,
      recognizer: 'prose-secret',
    });
  }
};

const KW_ANCHOR =
  /pass|pwd|pw\b|_pw|secret|token|key|KEY|auth|cred|salt|sig|session|cookie|jwt|otp|senha|adgangskode|lösenord|wachtwoord|contraseña|kennwort|passord/gi;

const PROSE_ANCHOR =
  /pass|pwd|pw|kennwort|senha|contrase|clave|adgangskode|kodeord|lösenord|losenord|wachtwoord|mot de passe|mdp|salasana/gi;

const keywordSecrets: Recognizer = (t, out) => {
  for (const m of matches(KEY_ASSIGN_RE, t)) {
    const name = m[1] ?? '';
    if (!isSecretKeyName(name)) continue;
    const v = m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6];
    if (!v || !plausibleSecretValue(v)) continue;
    const off = m.index + m[0].length - v.length - (m[5] ? 0 : 1);
    const ent = shannonEntropy(v);
    const quoted = !m[5];
    const score = ent >= 3 || v.length >= 16 ? 0.75 : quoted ? 0.6 : 0.55;
    out.push({
      start: off,
      end: off + v.length,
      type: 'SECRET',
      score,
      recognizer: 'keyword-secret',
    });
  }
  for (const m of matches(KEY_REVERSED_RE, t)) {
    const v = m[1] ?? '';
    if (!isSecretKeyName(m[2] ?? '') || !plausibleSecretValue(v)) continue;
    const ent = shannonEntropy(v);
    out.push({
      start: m.index + 1,
      end: m.index + 1 + v.length,
      type: 'SECRET',
      score: ent >= 3 || v.length >= 16 ? 0.75 : 0.55,
      recognizer: 'keyword-secret',
    });
  }
};
