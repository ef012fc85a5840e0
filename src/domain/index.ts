export * from './profile.js';
export * from './errors.js';
