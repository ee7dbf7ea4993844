// A kit button's classes, for a plain <button> or <a> that must look like one without the Button component (the
// events list's first load carries only these few bytes).
export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'md' | 'lg' | 'touch';

export const buttonClass = (variant: ButtonVariant = 'primary', size: ButtonSize = 'md', extra?: string) =>
  ['kit-button', `kit-button--${variant}`, `kit-button--${size}`, extra].filter(Boolean).join(' ');
