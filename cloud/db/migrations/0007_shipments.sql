-- Physical tickets: the order's shipment at the mailing service, as its webhook reports it.
CREATE TABLE shipments (
  order_id uuid PRIMARY KEY REFERENCES orders (id),
  provider_shipment_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('submitted', 'accepted', 'printed', 'shipped', 'delivered', 'returned')),
  carrier text,
  tracking_number text,
  updated_at timestamptz NOT NULL
);
