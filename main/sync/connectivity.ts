// Whether the cloud answers, as the device last saw it: every call to the cloud reports how it went, and the screens
// follow (sales paused at a kiosk, the counter's online/offline/syncing light).
export class Connectivity {
  online = true;
  private readonly listeners = new Set<(online: boolean) => void>();

  report(reached: boolean): void {
    if (reached === this.online) return;
    this.online = reached;
    for (const listener of this.listeners) listener(reached);
  }

  onChange(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
