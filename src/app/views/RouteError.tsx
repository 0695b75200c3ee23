import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';

/** Shown when a view fails to load (e.g. its chunk is missing offline) or throws while rendering. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <main className="view" role="alert">
      <h1>Something went wrong</h1>
      <p>This view could not be shown: {message}</p>
      <p>
        <Link to="/">Back to the chat</Link> or reload the page.
      </p>
    </main>
  );
}
