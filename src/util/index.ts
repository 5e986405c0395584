export * from './clock.js';
export * from './own-string.js';
