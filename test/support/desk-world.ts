import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

/** Luca Verdi asks for access on behalf of the administration (a pending access request). */
export async function askForAccess(t: TestApp, organizationId: string, suffix: string): Promise<void> {
  await t
    .http()
    .post('/api/v1/access-requests')
    .send({
      email: `luca.verdi.${suffix}@example.it`,
      displayName: 'Luca Verdi',
      organizationId,
      password: 'Password-scelta-42',
    })
    .expect(201);
}

/** A programme "Programma del banco" with code `banco-<suffix>`, stored straight: arrange, not act. */
export async function newBenchProgramme(t: TestApp, suffix: string): Promise<void> {
  await t.app
    .get(DataSource)
    .query(`INSERT INTO programmes (code, name) VALUES ($1, 'Programma del banco')`, [`banco-${suffix}`]);
}
