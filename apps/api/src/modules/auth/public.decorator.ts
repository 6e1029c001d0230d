import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'convergo:public';

/** The visible exception to the global auth guard: everything else needs a valid access token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
