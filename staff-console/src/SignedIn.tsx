import { roleAtLeast, type StaffSessionInfo } from '@madoguchi/shared';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from './api';
import { useCallController } from './call/useCall';
import { CallPanel } from './components/CallPanel';
import { useCity } from './components/CityBrand';
import { Header } from './components/Header';
import { ConsoleContext } from './context';
import { CounterContext } from './counterContext';
import { useI18n } from './i18n';
import { AccountsPage } from './pages/AccountsPage';
import { AuditPage } from './pages/AuditPage';
import { CityPage } from './pages/CityPage';
import { CounterPage } from './pages/CounterPage';
import { DevicesPage } from './pages/DevicesPage';
import { FleetPage } from './pages/FleetPage';
import { PartnersPage } from './pages/PartnersPage';
import { SupervisorPage } from './pages/SupervisorPage';
import { resolveRoute, routeHash, routesFor, type Route } from './routes';
import { connectStaffSocket, isUnauthenticatedRefusal, type StaffSocket } from './socket';
import { useCounterSnapshot } from './useCounterSnapshot';

interface SignedInProps {
  api: ApiClient;
  session: StaffSessionInfo;
  onSessionEnded: () => void;
  onSignedOut: () => void;
}

const PAGE_TITLE: Record<Route, string> = {
  counter: 'staff.counter.title',
  supervisor: 'staff.supervisor.title',
  devices: 'staff.devices.title',
  fleet: 'staff.fleet.title',
  accounts: 'staff.accounts.title',
  audit: 'staff.audit.title',
  city: 'staff.city.title',
  partners: 'staff.partners.title',
};

function useHashRoute(role: StaffSessionInfo['staff']['role']): Route {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const route = resolveRoute(hash, role);
  useEffect(() => {
    // A page this role may not see (or a typo) shows the default page; the address says so too.
    if (hash !== routeHash(route)) history.replaceState(null, '', routeHash(route));
  }, [hash, route]);
  return route;
}

/** The socket lives as long as the session: it carries live updates and the news that the session ended. */
function useStaffSocket(baseUrl: string, onSessionEnded: () => void): { socket: StaffSocket; live: boolean } {
  const socket = useMemo(() => connectStaffSocket({ baseUrl }), [baseUrl]);
  const [live, setLive] = useState(socket.connected);
  useEffect(() => {
    const onConnect = () => setLive(true);
    const onDisconnect = () => setLive(false);
    const onRefused = (error: Error & { data?: unknown }) => {
      setLive(false);
      if (isUnauthenticatedRefusal(error)) onSessionEnded();
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('connect_error', onRefused);
    socket.on('session:ended', onSessionEnded);
    return () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onRefused);
      socket.off('session:ended', onSessionEnded);
      socket.disconnect();
    };
  }, [socket, onSessionEnded]);
  return { socket, live };
}

export function SignedIn({ api, session, onSessionEnded, onSignedOut }: SignedInProps) {
  const { t, language } = useI18n();
  const { socket, live } = useStaffSocket(api.baseUrl, onSessionEnded);
  const route = useHashRoute(session.staff.role);
  const [signingOut, setSigningOut] = useState(false);
  const firstRoute = useRef(true);
  // The cable operator's engineers never hear of the counter; the server refuses them anyway.
  const cityStaff = roleAtLeast(session.staff.role, 'staff');
  const { snapshot, error: snapshotError, resync } = useCounterSnapshot(socket, cityStaff);
  const call = useCallController(socket, session.staff.id);

  useEffect(() => {
    if (snapshot) call.reconcile(snapshot);
  }, [call, snapshot]);

  // The page, then whose counter (two cities in two tabs), then the product.
  const city = useCity();
  useEffect(() => {
    const where = city ? ` — ${city.displayName[language]}` : '';
    document.title = `${t(PAGE_TITLE[route])}${where} — ${t('staff.title')}`;
  }, [route, t, city, language]);

  useEffect(() => {
    // After a page change, keyboard and screen-reader users start at the new page's title.
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [route]);

  const signOut = async () => {
    setSigningOut(true);
    // Hang up first, so our own logout does not come back as "your session has ended".
    socket.off('session:ended', onSessionEnded);
    socket.disconnect();
    try {
      await api.logout();
    } catch {
      // The session is gone or going either way; the officer asked to leave.
    }
    onSignedOut();
  };

  const context = useMemo(() => ({ api, session, socket, live }), [api, session, socket, live]);
  const counter = useMemo(
    () => ({ snapshot, snapshotError, resync, call }),
    [snapshot, snapshotError, resync, call],
  );

  return (
    <ConsoleContext.Provider value={context}>
      <CounterContext.Provider value={counter}>
        <a
          class="skip-link"
          href="#main"
          onClick={(event) => {
            // The hash is the router's; move focus without touching it.
            event.preventDefault();
            document.getElementById('page-title')?.focus();
          }}
        >
          {t('staff.skipToMain')}
        </a>
        <Header
          staff={session.staff}
          routes={routesFor(session.staff.role)}
          current={route}
          signingOut={signingOut}
          onSignOut={() => void signOut()}
        />
        <main id="main" class="main" tabIndex={-1}>
          {/* The call stays on screen (and audible) whichever page the officer opens meanwhile. */}
          <CallPanel />
          {route === 'counter' && <CounterPage />}
          {route === 'supervisor' && <SupervisorPage />}
          {route === 'devices' && <DevicesPage />}
          {route === 'fleet' && <FleetPage />}
          {route === 'accounts' && <AccountsPage />}
          {route === 'audit' && <AuditPage />}
          {route === 'city' && <CityPage />}
          {route === 'partners' && <PartnersPage />}
        </main>
      </CounterContext.Provider>
    </ConsoleContext.Provider>
  );
}
