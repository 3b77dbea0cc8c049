// The first platform admin: from PLATFORM_ADMIN_EMAIL/PASSWORD, or on an embedded first start a
// random one-time password printed once to the terminal (never to the structured log).
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '@app/core';
import { PasswordService } from './password.service';
import { passwordWeakness, personalWords } from './password-policy';
import { PlatformStaffService } from './platform-staff.service';

@Injectable()
export class FirstAdminService {
  constructor(
    private readonly staff: PlatformStaffService,
    private readonly passwords: PasswordService,
    private readonly config: AppConfig,
  ) {}

  async ensure(options: { embedded: boolean; print: (line: string) => void }): Promise<void> {
    if (await this.staff.adminExists()) return;
    const { platformAdminEmail: email, platformAdminPassword: password } = this.config;
    if (email && password) {
      const weakness = passwordWeakness(password, personalWords(email));
      if (weakness) throw new Error(`PLATFORM_ADMIN_PASSWORD: ${weakness}`);
      await this.staff.createAdmin(email, 'Platform admin', await this.passwords.hash(password));
      options.print(`Created the first platform admin ${email} from PLATFORM_ADMIN_EMAIL.`);
      return;
    }
    if (!options.embedded) {
      options.print('No platform admin exists: set PLATFORM_ADMIN_EMAIL and PLATFORM_ADMIN_PASSWORD, or run `npm run cli -- admin create --email E`.');
      return;
    }
    const generated = randomBytes(18).toString('base64url');
    const adminEmail = email ?? 'admin@rekisteri.local';
    await this.staff.createAdmin(adminEmail, 'Platform admin', await this.passwords.hash(generated));
    options.print(`\nFirst platform admin: ${adminEmail}\nOne-time password (shown only now): ${generated}\n`);
  }
}
