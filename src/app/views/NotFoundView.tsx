import { Link, useLocation } from 'react-router-dom';

export function NotFoundView() {
  const location = useLocation();
  return (
    <section aria-labelledby="nf-title" className="view">
      <h1 id="nf-title">Page not found</h1>
      <p>
        There is no page at <code>{location.pathname}</code>. <Link to="/">Go to the chat</Link>.
      </p>
    </section>
  );
}
