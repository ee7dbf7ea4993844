// A screen's title (the page's one h1), an optional line under it and the screen's main actions on the right.
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="admin-page-header">
      <div>
        <h1>{title}</h1>
        {description !== undefined && <p className="admin-page-description">{description}</p>}
      </div>
      {actions !== undefined && <div className="admin-page-actions">{actions}</div>}
    </header>
  );
}
