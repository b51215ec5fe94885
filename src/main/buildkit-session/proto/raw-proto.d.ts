// Vite (electron-vite and vitest) inlines `?raw` imports as strings, so the schemas ship inside
// the main bundle instead of as loose files next to it.
declare module '*.proto?raw' {
  const text: string;
  export default text;
}
