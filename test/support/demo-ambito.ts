import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PasswordService } from '@piazza/identity';
import { DataSource } from 'typeorm';
import { seedDemoAmbito } from '../../apps/cli/src/seed/demo-seed';

/** The demo Ambito, written through the same code as `npm start`. */
export function givenDemoAmbito(app: NestFastifyApplication) {
  return seedDemoAmbito(app.get(DataSource), new PasswordService());
}
