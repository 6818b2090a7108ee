export { LettersPage } from './letters/LettersPage';
