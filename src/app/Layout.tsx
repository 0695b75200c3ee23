import { NavLink, Outlet } from 'react-router-dom';
import { FirstRun } from './components/FirstRun';
import { InstallPrompt } from './components/InstallPrompt';
import { StatusBanners } from './components/StatusBanners';
import { ThemeToggle } from './components/ThemeToggle';
import { useBackgroundServices } from './hooks/useBackgroundServices';

const NAV = [
  { to: '/', label: 'Chat', end: true },
  { to: '/dashboard', label: 'Dashboard', end: false },
  { to: '/audit', label: 'Audit log', end: false },
  { to: '/memory', label: 'Memory', end: false },
  { to: '/models', label: 'Models', end: false },
  { to: '/policy', label: 'Policy', end: false },
] as const;

export function Layout() {
  useBackgroundServices();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <img src="/icons/hearth.svg" alt="" width="24" height="24" /> Hearth
        </span>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <ThemeToggle />
      </header>
      <StatusBanners />
      <FirstRun />
      <InstallPrompt />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
