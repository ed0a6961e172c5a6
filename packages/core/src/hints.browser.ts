// The browser build's stand-in for the hint table that the Node entry imports (index.ts): a browser app
// gets `hint` by importing `@oss-errors/core/hints` itself, so the default bundle holds none of its text.
export {};
