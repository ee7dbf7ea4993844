// Orders in the back office: the search (/admin/orders, its filters kept in the address) and one order's page
// (/admin/orders/<orderId>) with its refund, cancellation, resend, email change and notes.
import type { AdminScreenProps } from '../screen.ts';
import { OrderPage } from './OrderPage.tsx';
import { OrderSearch } from './OrderSearch.tsx';
import './orders.css';

export const ORDERS_BASE = '/admin/orders';

export default function OrdersScreen(props: AdminScreenProps) {
  const orderId = props.path.startsWith(`${ORDERS_BASE}/`)
    ? decodeURIComponent(props.path.slice(ORDERS_BASE.length + 1))
    : null;
  if (orderId) return <OrderPage {...props} orderId={orderId} />;
  return <OrderSearch {...props} />;
}
