// The back office's navigation: one entry per section, shown only to a role that may use it (the capability is
// checked with `may` from cloud/domain/staff-roles.ts, the same table the API refuses by). Each section's screen is
// its own chunk, loaded when first opened.
//
// Each helper adds its section on its own line below its comment (a blank line between slots keeps merges clean).
// The landing page `/admin` goes to the section with id `dashboard` when the role may use it; until there is one,
// a welcome lists the sections.
import type { ComponentType } from 'react';
import type { Capability } from '../../../cloud/domain/staff-roles.ts';
import type { AdminApi } from './admin-api.ts';
import type { AdminScreenProps } from './screen.ts';

export interface AdminSection {
  /** Stable id (tests and the landing page use it). */
  id: string;
  /** Where it lives: the section owns this path and every path under it (`/admin/operations/jobs`). */
  path: string;
  /** What the navigation says. */
  label: string;
  /** Who sees it: a role that has this capability. */
  capability: Capability;
  load: () => Promise<{ default: ComponentType<AdminScreenProps> }>;
}

/** What a screen reached without signing in is given (password reset and the like). */
export interface AdminPublicScreenProps {
  api: AdminApi;
  path: string;
  query: URLSearchParams;
  navigate(to: string, options?: { replace?: boolean }): void;
}

export interface AdminPublicScreen {
  id: string;
  path: string;
  /** When given, the sign-in page links here with this text (e.g. "Forgot your password?"). */
  signInLink?: string;
  load: () => Promise<{ default: ComponentType<AdminPublicScreenProps> }>;
}

export const ADMIN_HOME = '/admin';
export const SIGN_IN_PATH = '/admin/sign-in';
export const DASHBOARD_SECTION_ID = 'dashboard';

export const SECTIONS: AdminSection[] = [
  // dashboard (helper "reports"): id 'dashboard'
  {
    id: 'dashboard',
    path: '/admin/dashboard',
    label: 'Dashboard',
    capability: 'reports:read',
    load: () => import('./dashboard/DashboardScreen.tsx'),
  },

  // events, seat management (helpers "events", "orders")
  {
    id: 'events',
    path: '/admin/events',
    label: 'Events',
    capability: 'events:manage',
    load: () => import('./events/EventsScreen.tsx'),
  },
  {
    id: 'seats',
    path: '/admin/seats',
    label: 'Seat management',
    capability: 'events:manage',
    load: () => import('./seats/SeatsScreen.tsx'),
  },

  // orders (helper "orders")
  {
    id: 'orders',
    path: '/admin/orders',
    label: 'Orders',
    capability: 'orders:manage',
    load: () => import('./orders/OrdersScreen.tsx'),
  },

  // venues and seat maps, the designer (helpers "events", "designer")
  {
    id: 'venues',
    path: '/admin/venues',
    label: 'Venues',
    capability: 'venue:manage',
    load: () => import('./venues/VenuesScreen.tsx'),
  },
  {
    id: 'designer',
    path: '/admin/designer',
    label: 'Seat-map designer',
    capability: 'venue:manage',
    load: () => import('./designer/DesignerScreen.tsx'),
  },

  // reports and exports (helper "reports")
  {
    id: 'reports',
    path: '/admin/reports',
    label: 'Reports',
    capability: 'reports:read',
    load: () => import('./reports/ReportsScreen.tsx'),
  },

  // staff and devices (helper "roles")
  {
    id: 'staff',
    path: '/admin/staff',
    label: 'Staff',
    capability: 'staff:manage',
    load: () => import('./staff/StaffScreen.tsx'),
  },
  {
    id: 'devices',
    path: '/admin/devices',
    label: 'Devices',
    capability: 'staff:manage',
    load: () => import('./devices/DevicesScreen.tsx'),
  },

  // operations (helper "shell")
  {
    id: 'operations',
    path: '/admin/operations',
    label: 'Operations',
    capability: 'audit:read',
    load: () => import('./operations/OperationsScreen.tsx'),
  },
];

/** Screens without sign-in (the sign-in page itself is the shell's). */
export const PUBLIC_SCREENS: AdminPublicScreen[] = [
  // password reset (helper "roles")
  {
    id: 'forgot-password',
    path: '/admin/forgot-password',
    signInLink: 'Forgot your password?',
    load: () => import('./account/ForgotPasswordScreen.tsx'),
  },
  { id: 'reset-password', path: '/admin/reset', load: () => import('./account/ResetPasswordScreen.tsx') },
];

const within = (path: string, base: string) => path === base || path.startsWith(`${base}/`);

/** The section that owns a path: the longest section path it is within. */
export function sectionFor(path: string, sections: readonly AdminSection[] = SECTIONS): AdminSection | undefined {
  return sections
    .filter((section) => section.path !== ADMIN_HOME && within(path, section.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
}

export const publicScreenFor = (path: string): AdminPublicScreen | undefined =>
  PUBLIC_SCREENS.find((screen) => within(path, screen.path));
