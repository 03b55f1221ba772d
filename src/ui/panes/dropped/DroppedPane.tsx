// Dropped targets with the rule that dropped each one (and collapsed duplicates, which Prometheus
// lists nowhere).
import { ListWithDetail } from '../../results/ListWithDetail.tsx';

export function DroppedPane() {
  return <ListWithDetail kind="dropped" />;
}
