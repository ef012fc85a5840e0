export * from './profile.js';
export * from './errors.js';
export * from './scope.js';
export * from './candidate.js';
export * from './file.js';
export * from './user.js';
export * from './job.js';
