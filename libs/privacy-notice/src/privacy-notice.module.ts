import { Module } from '@nestjs/common';
import { TenancyModule } from '@app/tenancy';
import { RegisterSettingsController } from './register-settings.controller';
import { PrivacyNoticeController } from './privacy-notice.controller';
import { RegisterSettingsService } from './register-settings.service';
import { PrivacyNoticeService } from './privacy-notice.service';
import { AccessibilityFeedbackController } from './accessibility-feedback.controller';
import { AccessibilityFeedbackService } from './accessibility-feedback.service';

@Module({
  imports: [TenancyModule],
  controllers: [RegisterSettingsController, PrivacyNoticeController, AccessibilityFeedbackController],
  providers: [RegisterSettingsService, PrivacyNoticeService, AccessibilityFeedbackService],
  exports: [RegisterSettingsService, PrivacyNoticeService],
})
export class PrivacyNoticeModule {}
