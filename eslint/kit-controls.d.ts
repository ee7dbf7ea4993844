// Types of the kit-controls rule (eslint/kit-controls.js), for its test written in TypeScript.
import type { Rule } from 'eslint';

/** File (from the repository's root) → the bare elements it may use, each entry with its reason in the rule. */
export declare const EXCEPTIONS: Record<string, string[]>;
export declare const kitControlsRule: Rule.RuleModule;
