import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgrammeEntity } from './programme.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ProgrammeEntity])],
  providers: [],
  exports: [],
})
export class ProgrammesModule {}
