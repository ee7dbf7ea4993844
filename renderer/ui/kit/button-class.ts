// A kit button's classes, for a plain <button> or <a> that must look like one without the Button component (the
// events list's first load carries only these few bytes).
/** `link`: a button (it acts here) that reads as a link in running text or a header: no box, the accent's colour. */
export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'link';
export type ButtonSize = 'md' | 'lg' | 'touch';

export const buttonClass = (variant: ButtonVariant = 'primary', size: ButtonSize = 'md', extra?: string) =>
  ['kit-button', `kit-button--${variant}`, `kit-button--${size}`, extra].filter(Boolean).join(' ');
