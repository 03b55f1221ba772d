// The first screen: what the playground answers, how to give it input, and examples to start from.
import { EXAMPLES } from '../examples/index.ts';
import { useLoadExample } from '../examples/useLoadExample.ts';
import { useActions } from '../state/context.ts';

export function Welcome() {
  const load = useLoadExample();
  const { openDialog } = useActions();
  return (
    <div className="welcome" data-testid="welcome">
      <h2>Why is my target not scraped?</h2>
      <p>
        Paste Kubernetes manifests and a scrape config (or ServiceMonitors, VMServiceScrapes, …) into the editor, or drop files and
        whole <code>kubectl</code> / <code>cluster-info dump</code> folders anywhere on this page. You get every target Prometheus or
        vmagent would discover: active ones with their URL, dropped ones with the rule that dropped them, failed ones with their error —
        and the step-by-step trace of each.
      </p>
      <p className="muted">Everything runs in your browser. Nothing you paste is sent anywhere; links keep the input in the part of the URL browsers never send.</p>
      <h3>Start from an example</h3>
      <ul className="example-cards">
        {EXAMPLES.slice(0, 6).map((e) => (
          <li key={e.id}>
            <button type="button" className="example-card" onClick={() => load(e.id)} data-testid={`welcome-example-${e.id}`}>
              <strong>{e.title}</strong>
              <span>{e.teaches}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn" onClick={() => openDialog('examples')}>
        All {EXAMPLES.length} examples…
      </button>
    </div>
  );
}
