import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('PUBLIC_URL (the address in alert mails and unsubscribe links)', () => {
  it('defaults to where the service listens, HOST and PORT', () => {
    expect(loadConfig({}).alerts.publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ PORT: '8080' }).alerts.publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ HOST: 'jobs.example.org', PORT: '80' }).alerts.publicUrl).toBe('http://jobs.example.org:80');
    // A wildcard address is not a place to send anyone: loopback instead.
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '4000' }).alerts.publicUrl).toBe('http://127.0.0.1:4000');
    expect(loadConfig({ HOST: '::', PORT: '4000' }).alerts.publicUrl).toBe('http://[::1]:4000');
    expect(loadConfig({ HOST: '::1' }).alerts.publicUrl).toBe('http://[::1]:3000');
  });

  it('an explicit PUBLIC_URL wins (trailing slashes dropped); a bad one stops the start naming the variable', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '4000', PUBLIC_URL: 'https://jobs.example.org/' }).alerts.publicUrl).toBe('https://jobs.example.org');
    expect(() => loadConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });
});
