export { AnnualPage } from './annual/AnnualPage';
