import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config';
import { Clock } from './clock';

/** Makes the validated configuration and the clock injectable everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock = new Clock()): DynamicModule {
    return { module: CoreModule, providers: [{ provide: AppConfig, useValue: config }, { provide: Clock, useValue: clock }], exports: [AppConfig, Clock] };
  }
}
