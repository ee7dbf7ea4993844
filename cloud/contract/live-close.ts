// The live view's close codes, apart from the schemas: the shop's first bundle imports this without zod.
/**
 * The close code (RFC 6455 §7.4.2, private use) of a socket the server closed because it watched nothing for a
 * while: not an outage. A client does not report itself offline for it, and opens a socket again when it next has
 * something to watch. Every other close (1006 dropped, 1001 going away, 1008 policy…) is a drop: back off, reconnect.
 */
export const LIVE_CLOSE_IDLE = 4000;
