// Types of the allow-map (eslint/layers.js), for the architecture tests written in TypeScript.
export interface Layer {
  name: string;
  files: string[];
  allow: string[];
  packages: '*' | string[];
  sample: string;
}
export declare const LAYERS: Layer[];
