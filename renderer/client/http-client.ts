// The TicketingClient over HTTP and WebSocket, for the browser: JSON in and out, problem+json turned into ApiError,
// the live seat channel with reconnects (and a snapshot reload after each).
import type {
  Availability,
  CreateHold,
  CreatedHold,
  CreatedOrder,
  CreateOrder,
  EventDetail,
  EventSummary,
  Hold,
  LiveServerMessage,
  Order,
  OrderSummary,
  PaymentRequest,
  SeatMap,
  Session,
} from '../../cloud/contract/index.ts';
import {
  ApiError,
  type EventQuery,
  type LiveHandlers,
  type LiveSubscription,
  type ShopConfig,
  type TicketingClient,
} from './ticketing-client.ts';

export class HttpTicketingClient implements TicketingClient {
  private accessToken: string | null = null;

  constructor(private readonly baseUrl = '') {}

  setAccessToken(token: string | null): void {
    this.accessToken = token;
  }

  private async call<T>(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (this.accessToken) headers.authorization = `Bearer ${this.accessToken}`;
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'network', 'We could not reach TicketBoss. Check your connection and try again.');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: handled below
    }
    if (!response.ok) {
      const problem = (json ?? {}) as { type?: string; detail?: string };
      throw new ApiError(
        response.status,
        problem.type ?? `http_${response.status}`,
        problem.detail ?? `Something went wrong (${response.status}). Please try again.`,
        (json ?? {}) as ApiError['body'],
      );
    }
    return json as T;
  }

  config(): Promise<ShopConfig> {
    return this.call('GET', '/v1/shop/config');
  }

  async listEvents(query: EventQuery = {}): Promise<EventSummary[]> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, String(value));
    const search = params.toString();
    return (await this.call<{ events: EventSummary[] }>('GET', `/v1/events${search ? `?${search}` : ''}`)).events;
  }

  getEvent(eventId: string): Promise<EventDetail> {
    return this.call('GET', `/v1/events/${encodeURIComponent(eventId)}`);
  }

  getSeatMap(seatmapId: string): Promise<SeatMap> {
    return this.call('GET', `/v1/seatmaps/${encodeURIComponent(seatmapId)}`);
  }

  getAvailability(eventId: string): Promise<Availability> {
    return this.call('GET', `/v1/events/${encodeURIComponent(eventId)}/availability`);
  }

  createHold(eventId: string, request: CreateHold): Promise<CreatedHold> {
    return this.call('POST', `/v1/events/${encodeURIComponent(eventId)}/holds`, { body: request });
  }

  getHold(holdId: string, token: string): Promise<Hold> {
    return this.call('GET', `/v1/holds/${encodeURIComponent(holdId)}`, { headers: { 'x-hold-token': token } });
  }

  releaseHold(holdId: string, token: string): Promise<void> {
    return this.call('DELETE', `/v1/holds/${encodeURIComponent(holdId)}`, { headers: { 'x-hold-token': token } });
  }

  createOrder(request: CreateOrder, holdToken: string, idempotencyKey: string): Promise<CreatedOrder> {
    return this.call('POST', '/v1/orders', {
      body: request,
      headers: { 'x-hold-token': holdToken, 'idempotency-key': idempotencyKey },
    });
  }

  completePayment(orderId: string, orderToken: string, idempotencyKey: string): Promise<Order> {
    return this.call('POST', `/v1/orders/${encodeURIComponent(orderId)}/payments/complete`, {
      headers: { 'x-order-token': orderToken, 'idempotency-key': idempotencyKey },
    });
  }

  retryPayment(orderId: string, orderToken: string, payment: PaymentRequest, idempotencyKey: string): Promise<Order> {
    return this.call('POST', `/v1/orders/${encodeURIComponent(orderId)}/payments`, {
      body: payment,
      headers: { 'x-order-token': orderToken, 'idempotency-key': idempotencyKey },
    });
  }

  getOrder(orderId: string, orderToken?: string): Promise<Order> {
    return this.call('GET', `/v1/orders/${encodeURIComponent(orderId)}`, {
      headers: orderToken ? { 'x-order-token': orderToken } : {},
    });
  }

  async myOrders(): Promise<OrderSummary[]> {
    return (await this.call<{ orders: OrderSummary[] }>('GET', '/v1/me/orders')).orders;
  }

  signIn(email: string, password: string): Promise<Session> {
    return this.call('POST', '/v1/auth/signin', { body: { email, password } });
  }

  signUp(email: string, password: string, name: string): Promise<Session> {
    return this.call('POST', '/v1/auth/signup', { body: { email, password, name } });
  }

  subscribe(eventId: string, handlers: LiveHandlers): LiveSubscription {
    let socket: WebSocket | null = null;
    let closed = false;
    let attempts = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const url = (this.baseUrl || location.origin).replace(/^http/, 'ws') + '/v1/live';
    const connect = (isReconnect: boolean) => {
      socket = new WebSocket(url);
      socket.onopen = () => {
        attempts = 0;
        socket!.send(JSON.stringify({ type: 'subscribe', eventId }));
        handlers.onStatus?.(true);
        if (isReconnect) handlers.onReconnect();
      };
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as LiveServerMessage;
        if (message.type === 'changes' && message.eventId === eventId) handlers.onChanges(message);
      };
      socket.onclose = () => {
        handlers.onStatus?.(false);
        if (closed) return;
        // Back off: 0.5 s, 1 s, 2 s … at most 10 s between tries.
        const delay = Math.min(10_000, 500 * 2 ** attempts++);
        timer = setTimeout(() => connect(true), delay);
      };
    };
    connect(false);
    return {
      close() {
        closed = true;
        clearTimeout(timer);
        socket?.close();
      },
    };
  }
}
