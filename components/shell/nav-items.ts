// The organization sidebar. `segment` is the first path segment after `/<org>` ('' = dashboard).
// Items whose screen is not built yet (`ready: false`) still link somewhere sensible: the
// catch-all route app/(app)/[org]/[...section] renders a "coming soon" page for them.
import {
  Boxes,
  KeyRound,
  LifeBuoy,
  LayoutDashboard,
  Plug,
  ScrollText,
  ShieldCheck,
  ShoppingCart,
  Truck,
  Undo2,
  Users,
  type LucideIcon,
} from 'lucide-react';

export interface NavItem {
  segment: string;
  label: string;
  icon: LucideIcon;
  /** One line for the "coming soon" page. */
  description: string;
  ready: boolean;
}

export interface NavGroup {
  /** Shown above the group; null for the main group. */
  label: string | null;
  items: readonly NavItem[];
}

export const NAV_GROUPS: readonly NavGroup[] = [
  {
    label: null,
    items: [
      {
        segment: '',
        label: 'Dashboard',
        icon: LayoutDashboard,
        description: 'What needs attention today.',
        ready: true,
      },
      {
        segment: 'orders',
        label: 'Orders',
        icon: ShoppingCart,
        description: 'Every order from every channel, synced and ready to fulfil.',
        ready: true,
      },
      {
        segment: 'inventory',
        label: 'Inventory',
        icon: Boxes,
        description: 'Stock on hand, reserved and available, per SKU and location.',
        ready: true,
      },
      {
        segment: 'fulfilment',
        label: 'Fulfilment',
        icon: Truck,
        description: 'Pick, pack and ship: waves, packing slips, labels and tracking.',
        ready: true,
      },
      {
        segment: 'returns',
        label: 'Returns',
        icon: Undo2,
        description: 'Receive returned items, inspect them and put stock back.',
        ready: true,
      },
      {
        segment: 'integrations',
        label: 'Integrations',
        icon: Plug,
        description: 'Connect Amazon and couriers; see sync health at a glance.',
        ready: true,
      },
    ],
  },
  {
    label: 'Settings',
    items: [
      {
        segment: 'shipping-settings',
        label: 'Shipping',
        icon: Truck,
        description: 'Carrier accounts, service rules and sender addresses.',
        ready: true,
      },
      {
        segment: 'members',
        label: 'Members',
        icon: Users,
        description: 'People in this organization and their roles.',
        ready: true,
      },
      {
        segment: 'api-clients',
        label: 'API clients',
        icon: KeyRound,
        description: 'Credentials for your own automation against the REST API.',
        ready: true,
      },
      {
        segment: 'security',
        label: 'Security',
        icon: ShieldCheck,
        description: 'Sign-in rules: two-factor for buyer data, Amazon password rules.',
        ready: true,
      },
      {
        segment: 'operator-access',
        label: 'Operator access',
        icon: LifeBuoy,
        description: 'Time-boxed, audited access for Packline support (owners only).',
        ready: true,
      },
      {
        segment: 'audit',
        label: 'Audit log',
        icon: ScrollText,
        description: 'Who did what and when: sign-ins, permission changes, PII access, exports.',
        ready: true,
      },
      {
        segment: 'privacy',
        label: 'Privacy',
        icon: ShieldCheck,
        description: 'Retention of buyer data, data-subject requests and anonymisation.',
        ready: true,
      },
    ],
  },
];

export const NAV_ITEMS: readonly NavItem[] = NAV_GROUPS.flatMap((g) => g.items);

/** The nav item a path segment belongs to, or undefined. */
export function findNavItem(segment: string): NavItem | undefined {
  return NAV_ITEMS.find((item) => item.segment === segment);
}

export function navHref(orgSlug: string, segment: string): string {
  return segment ? `/${orgSlug}/${segment}` : `/${orgSlug}`;
}

/** Whether `pathname` is inside the item's section (the dashboard matches only exactly). */
export function isNavItemActive(pathname: string, orgSlug: string, segment: string): boolean {
  const href = navHref(orgSlug, segment);
  if (!segment) return pathname === href || pathname === `${href}/`;
  return pathname === href || pathname.startsWith(`${href}/`);
}
