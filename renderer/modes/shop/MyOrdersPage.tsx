// The signed-in customer's orders, newest first.
import { useShop } from '../shared/shop-context.ts';
import { Empty, Pending } from '../../ui/feedback.tsx';
import { formatMoney } from '../../ui/format.ts';
import { Link } from './router.tsx';
import { useAsync } from '../../ui/use-async.ts';

export default function MyOrdersPage() {
  const { client, session } = useShop();
  const [state, retry] = useAsync(() => (session ? client.myOrders() : Promise.resolve([])), [session]);
  if (!session)
    return (
      <Empty>
        <Link to="/signin">Sign in</Link> to see your orders.
      </Empty>
    );
  if (state.status !== 'loaded') return <Pending state={state} retry={retry} what="your orders" />;
  return (
    <section>
      <h1>My orders</h1>
      {state.value.length === 0 && <Empty>No orders yet.</Empty>}
      <ul className="orders">
        {state.value.map((order) => (
          <li key={order.id}>
            <Link to={`/orders/${order.id}`}>{order.code}</Link> · {order.state.replace('_', ' ')} ·{' '}
            {formatMoney(order.total)}
          </li>
        ))}
      </ul>
    </section>
  );
}
