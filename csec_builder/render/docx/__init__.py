"""The Word outputs (.docx): facilitator guide, participant handout, knowledge test and answer key, the forms
(sign-in sheet, evaluation, certificate) and the trainer's print pack."""
