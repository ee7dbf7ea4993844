// Imports Vite resolves that TypeScript needs told about.
declare module '*.css';
