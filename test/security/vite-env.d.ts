// Vite's `?raw` imports and import.meta.glob: files read at build time (tests cannot read files inside workerd).
/// <reference types="vite/client" />
