import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgrammeEntity } from './programme.entity';
import { ProgrammeRepository } from './programme.repository';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesService } from './programmes.service';

/** Programmes and their indicators. Others use ProgrammesService, never the repository. */
@Module({
  imports: [TypeOrmModule.forFeature([ProgrammeEntity])],
  controllers: [ProgrammesController],
  providers: [ProgrammeRepository, ProgrammesService],
  exports: [ProgrammesService],
})
export class ProgrammesModule {}
