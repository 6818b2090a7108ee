export { limitText, PetitionsPage, StatusBadge } from './petitions/PetitionsPage';
