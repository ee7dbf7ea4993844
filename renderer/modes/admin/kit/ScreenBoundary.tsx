// Keeps one screen's failure (its chunk could not be loaded, or it threw while rendering) inside the main area: the
// header and navigation stay usable, and the user is offered a reload. Keyed by section, so opening another section clears it.
import { Component, type ErrorInfo, type ReactNode } from 'react';

export class ScreenBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('back-office screen failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="admin-state admin-error" role="alert">
        <p>This page could not be shown. Reload the page to try again.</p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
