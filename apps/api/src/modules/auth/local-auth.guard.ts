import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ValidationFailedException } from '../../common/app.exception';
import { LoginDto } from './dto/login.dto';

/**
 * Guards run before pipes, so the login body is validated here, before passport reads it:
 * malformed input is a 400 naming the field, not a 401.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    const body: unknown = context.switchToHttp().getRequest<{ body: unknown }>().body;
    const dto = plainToInstance(LoginDto, typeof body === 'object' && body !== null ? body : {});
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    if (errors.length > 0) {
      throw new ValidationFailedException(
        errors.map((e) => ({
          field: e.property,
          message: Object.values(e.constraints ?? {})[0] ?? 'is not valid',
        })),
      );
    }
    return super.canActivate(context);
  }
}
