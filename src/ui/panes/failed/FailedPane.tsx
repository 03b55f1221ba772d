// Failed targets: kept by relabeling but invalid afterwards (no address, bad interval, …).
// Prometheus only logs these ("Creating target failed"); here they are listed with the error.
import { ListWithDetail } from '../../results/ListWithDetail.tsx';

export function FailedPane() {
  return <ListWithDetail kind="failed" />;
}
