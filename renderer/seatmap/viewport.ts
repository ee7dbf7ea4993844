// The camera: map units to CSS pixels and back, zoom about a point (wheel, pinch), pan, fit, and limits that keep
// the map on screen. Pure arithmetic, so it is tested without a browser.
export interface ViewState {
  /** CSS pixels per map unit. */
  scale: number;
  /** Map point shown at the canvas's top-left corner. */
  x: number;
  y: number;
}

export class Viewport {
  state: ViewState = { scale: 1, x: 0, y: 0 };
  minScale = 0.01;
  maxScale = 64;

  constructor(
    public width: number,
    public height: number,
    private readonly mapWidth: number,
    private readonly mapHeight: number,
  ) {}

  resize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.clamp();
  }

  /** Shows the whole map with a small margin; also the smallest zoom allowed. */
  fit(): void {
    const scale = Math.min(this.width / this.mapWidth, this.height / this.mapHeight) * 0.95;
    this.minScale = scale * 0.8;
    // A tiny map may fit only closer than the closest zoom: then the fit is the closest zoom.
    this.maxScale = Math.max(this.maxScale, scale);
    this.state = {
      scale,
      x: this.mapWidth / 2 - this.width / 2 / scale,
      y: this.mapHeight / 2 - this.height / 2 / scale,
    };
  }

  toScreen(mapX: number, mapY: number): [number, number] {
    return [(mapX - this.state.x) * this.state.scale, (mapY - this.state.y) * this.state.scale];
  }

  toMap(screenX: number, screenY: number): [number, number] {
    return [this.state.x + screenX / this.state.scale, this.state.y + screenY / this.state.scale];
  }

  /** Zooms by `factor` keeping the map point under (screenX, screenY) where it is. */
  zoomAt(screenX: number, screenY: number, factor: number): void {
    const [mapX, mapY] = this.toMap(screenX, screenY);
    const scale = Math.min(this.maxScale, Math.max(this.minScale, this.state.scale * factor));
    this.state = { scale, x: mapX - screenX / scale, y: mapY - screenY / scale };
    this.clamp();
  }

  panBy(dxScreen: number, dyScreen: number): void {
    this.state = {
      ...this.state,
      x: this.state.x - dxScreen / this.state.scale,
      y: this.state.y - dyScreen / this.state.scale,
    };
    this.clamp();
  }

  /** Centres the view on a map point (keyboard focus moving off screen). */
  centreOn(mapX: number, mapY: number): void {
    this.state = {
      ...this.state,
      x: mapX - this.width / 2 / this.state.scale,
      y: mapY - this.height / 2 / this.state.scale,
    };
    this.clamp();
  }

  /** The visible part of the map, in map units. */
  visible(): { minX: number; minY: number; maxX: number; maxY: number } {
    const { x, y, scale } = this.state;
    return { minX: x, minY: y, maxX: x + this.width / scale, maxY: y + this.height / scale };
  }

  /** Keeps at least half the screen over the map, so it cannot be flung out of sight. */
  private clamp(): void {
    const { scale } = this.state;
    const viewW = this.width / scale;
    const viewH = this.height / scale;
    const x = Math.min(this.mapWidth - viewW / 2, Math.max(-viewW / 2, this.state.x));
    const y = Math.min(this.mapHeight - viewH / 2, Math.max(-viewH / 2, this.state.y));
    this.state = { scale, x, y };
  }
}
