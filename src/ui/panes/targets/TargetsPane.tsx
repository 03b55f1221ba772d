// Active targets, grouped by job: what will be scraped, at which URL, with which labels.
import { ListWithDetail } from '../../results/ListWithDetail.tsx';

export function TargetsPane() {
  return <ListWithDetail kind="active" />;
}
