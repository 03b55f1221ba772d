// A label name; for labels whose origin we know (every __meta_kubernetes_* one, the job defaults)
// hovering or focusing it explains where it comes from. All input text is rendered as text.
import { useId, useState } from 'react';
import { describeLabel } from '../labels/metaLabels.ts';

/** `a` in backticks as code — split into text nodes, never parsed as markup. */
export function Ticks({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}
    </>
  );
}

export function LabelName({ name }: { name: string }) {
  const info = name.startsWith('__') || name === 'job' || name === 'instance' ? describeLabel(name) : undefined;
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!info) return <span className="label-name">{name}</span>;
  const [head, ...rest] = info.split('\n');
  return (
    <span
      className="label-name has-info"
      tabIndex={0}
      aria-describedby={open ? id : undefined}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      data-testid="label-name-info"
    >
      {name}
      {open && (
        <span role="tooltip" id={id} className="tooltip" data-testid="label-tooltip">
          <strong>{head}</strong>
          {rest.map((line, i) => (
            <span key={i} className="tooltip-line">
              <Ticks text={line} />
            </span>
          ))}
        </span>
      )}
    </span>
  );
}
