// One-line renderings of a rule for traces and lists, e.g.
//   keep __meta_kubernetes_pod_container_port_number =~ "10299"
//   replace target_label=pod from [__meta_kubernetes_pod_name]
// Defaults are left out so the line shows what the user actually wrote.
import type { RuleRef } from '../trace.ts';
import type { RelabelRule } from './types.ts';

const q = (s: string): string => JSON.stringify(s);

function sources(r: RelabelRule, bracketSingle: boolean): string {
  const s = r.sourceLabels ?? [];
  const list = s.length === 1 && !bracketSingle ? (s[0] as string) : `[${s.join(', ')}]`;
  return s.length > 1 && r.separator !== ';' ? `${list} separator=${q(r.separator)}` : list;
}

const regexPart = (r: RelabelRule): string => (r.regexIsDefault ? '' : ` =~ ${q(r.regexText)}`);
const replPart = (r: RelabelRule): string => (r.replacement === '$1' ? '' : ` replacement=${q(r.replacement)}`);

export function ruleSummary(r: RelabelRule): string {
  const s = actionSummary(r);
  // vmagent's `if:` filter.
  return r.vm?.if ? `${s} if ${r.vm.if.text}` : s;
}

function actionSummary(r: RelabelRule): string {
  switch (r.action) {
    case 'keep':
    case 'drop':
      if (r.vm && r.regexIsDefault) return `${r.action}${r.sourceLabels?.length ? ` ${sources(r, false)}` : ''} (no regex: ${r.action === 'keep' ? 'keeps' : 'drops'} all)`;
      return `${r.action} ${sources(r, false)} =~ ${q(r.regexText)}`;
    case 'replace': {
      const from = r.sourceLabels?.length ? ` from ${sources(r, true)}` : '';
      return `replace target_label=${r.targetLabel}${from}${regexPart(r)}${replPart(r)}`;
    }
    case 'keepequal':
    case 'dropequal':
      return `${r.action} target_label=${r.targetLabel} ${r.action === 'keepequal' ? '==' : '!='} ${sources(r, true)}`;
    case 'hashmod':
      return `hashmod target_label=${r.targetLabel} = ${r.vm ? 'xxhash64' : 'md5'}(${sources(r, true)}) mod ${r.modulusBig ?? r.modulus}`;
    case 'lowercase':
    case 'uppercase':
      return `${r.action} target_label=${r.targetLabel} from ${sources(r, true)}`;
    case 'labelmap':
      return `labelmap ${q(r.regexText)} → ${q(r.replacement)}`;
    case 'labeldrop':
    case 'labelkeep':
      return `${r.action} =~ ${q(r.regexText)}`;
    default: {
      const parts = [r.action];
      if (r.sourceLabels) parts.push(`from ${sources(r, true)}`);
      if (r.targetLabel) parts.push(`target_label=${r.targetLabel}`);
      if (!r.regexIsDefault) parts.push(`=~ ${q(r.regexText)}`);
      return parts.join(' ');
    }
  }
}

export function ruleRef(r: RelabelRule): RuleRef {
  const ref: RuleRef = { index: r.index, action: r.action, summary: ruleSummary(r), pos: r.pos };
  if (r.origin) ref.origin = r.origin;
  return ref;
}
