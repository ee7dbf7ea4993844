// A card: a raised surface grouping one thing (an event, a ticket, a summary).
import type { HTMLAttributes, ReactNode } from 'react';

export interface CardProps extends HTMLAttributes<HTMLElement> {
  as?: 'div' | 'article' | 'section' | 'li' | 'aside';
  /** The whole card is clickable through the one link inside it (the link's ::after covers the card). */
  linked?: boolean;
  children: ReactNode;
}

export function Card({ as: Tag = 'div', linked = false, className, children, ...rest }: CardProps) {
  return (
    <Tag {...rest} className={['kit-card', linked ? 'kit-card--linked' : null, className].filter(Boolean).join(' ')}>
      {children}
    </Tag>
  );
}
