import { ForbiddenView } from '../../components/StatusPage';

/** /forbidden: where a screen sends a person the API refused. */
export default function ForbiddenPage() {
  return <ForbiddenView />;
}
