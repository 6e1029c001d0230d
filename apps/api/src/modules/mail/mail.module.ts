import { Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** SMTP delivery for every capability that sends e-mail. */
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
