// Moved to pages/person/ (the file page and its tabs).
export { PersonPage } from './person/PersonPage';
