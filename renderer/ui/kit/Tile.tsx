// A tile: a large pressable surface that picks one of several things (a price tier, an event, a language, a search
// result), its content laid out by the screen (a name over a price, a date under a title). With `pressed` it is a
// toggle (aria-pressed), the chosen one marked. Its look sits at zero specificity, so the screen's class places it
// (full width, a grid cell, the whole attract screen) without fighting the kit.
import { forwardRef, type ButtonHTMLAttributes } from 'react';

export interface TileProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  pressed?: boolean;
}

export const Tile = forwardRef<HTMLButtonElement, TileProps>(function Tile(
  { pressed, className, type = 'button', ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type}
      aria-pressed={pressed}
      className={['kit-tile', className].filter(Boolean).join(' ')}
      {...rest}
    />
  );
});
