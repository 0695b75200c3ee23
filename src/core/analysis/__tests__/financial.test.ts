import { FINANCIAL } from './cases/financial';
import { describeTable } from './cases/table';

describeTable('financial', FINANCIAL, 3);
